# The scheduled refresh as a container: the fetchers and the cache writer, no dashboard. It writes the cache
# folder that the dashboard replicas mount read-only (deploy/compose.yaml, deploy/k8s/cronjob.yaml).
# Build from the project's root: docker build -f deploy/refresh.Dockerfile -t kca-energy-refresh .
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 CACHE_DIR=/app/cache/data
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt && useradd --create-home --uid 10001 kca

COPY catalog/ catalog/
COPY cache/ cache/
COPY fetchers/ fetchers/
# The committed snapshot, copied into an empty cache volume before the first refresh (the volume hides cache/data).
COPY cache/data/ /app/seed/
COPY deploy/refresh-entrypoint.sh /usr/local/bin/kca-refresh
USER kca

ENTRYPOINT ["sh", "/usr/local/bin/kca-refresh"]
