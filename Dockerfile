FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY newsroom newsroom
COPY articles articles
COPY reconcile reconcile
COPY templates templates
COPY static static
COPY manage.py ./
RUN pip install --no-cache-dir -e . \
 && DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "newsroom.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
