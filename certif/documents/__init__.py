"""The session's printed documents: the attendance sheet, the invigilator's kit, their ZIP."""
