"""The test machinery shared by every kind of test: the core (`core`), the strategies that say
what differs by kind (`strategies`, `positioning`, `competence`), and the reading of a submitted
answer (`answers`)."""
