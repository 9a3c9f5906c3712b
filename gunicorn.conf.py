"""Settings read by gunicorn when it is started from the repository's root."""


def post_worker_init(worker):
    # Each worker builds the certification engine before serving: an exam room's first
    # questions are then not slowed by it (certif/warmup.py).
    from certif.warmup import warm_up

    warm_up()
