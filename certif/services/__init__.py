"""Writes of certification: keyword-only functions `<entity>_<action>`, each one transaction.

State changes lock their row (`select_for_update`): the session row serialises everything done to
a session and its candidates, so two clicks or two members cannot race.
"""
