# The dashboard as a container: read-only, no secrets, data baked from cache/data/ or mounted over it.
# PYTHON_IMAGE lets a build use a mirror or a digest-pinned copy of the same image.
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CACHE_DIR=/app/cache/data STREAMLIT_SERVER_PORT=8501 STREAMLIT_SERVER_ADDRESS=0.0.0.0
WORKDIR /app

# Fonts for the SVG/PNG chart exports (vl-convert draws text on the server): Noto CJK for Hangul, DejaVu for
# Cyrillic and Latin. The page itself is drawn by the reader's browser with the reader's fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt && useradd --create-home --uid 10001 kca

COPY .streamlit/ .streamlit/
COPY catalog/ catalog/
COPY cache/ cache/
COPY dashboard/ dashboard/
USER kca

EXPOSE 8501
# Asks the port and path prefix the server was given (STREAMLIT_SERVER_PORT, STREAMLIT_SERVER_BASE_URL_PATH).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os,sys,urllib.request as u; e=os.environ.get; p=e('STREAMLIT_SERVER_BASE_URL_PATH','').strip('/'); sys.exit(u.urlopen('http://127.0.0.1:%s%s/_stcore/health' % (e('STREAMLIT_SERVER_PORT','8501'), '/'+p if p else ''), timeout=4).read() != b'ok')"
CMD ["streamlit", "run", "dashboard/app.py"]
