"""The adaptive engine: numpy only, no Django, no import from the other apps."""
