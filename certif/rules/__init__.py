"""The domain's validation rules, as pure functions returning `Problem`s (no database writes).

One definition serves the forms, the bulk import and the services.
"""
