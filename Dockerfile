FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint (certificates) needs Pango; gettext compiles the translations.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN DEBUG=1 SECRET_KEY=build python manage.py collectstatic --noinput \
    && DEBUG=1 SECRET_KEY=build python manage.py compilemessages --ignore=.venv
USER nobody
EXPOSE 8000
