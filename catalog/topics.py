"""The topics that group series into the dashboard's pages, by id: the vocabulary of the manifest's `topics`."""

from __future__ import annotations

# Topics group series for the dashboard's pages.
TOPICS = {
    "dependence": "Korea's import dependence",
    "resources": "Central Asia's resources",
    "economy": "Economy",
    "power": "Electricity and energy use",
    "transport": "Transport and logistics",
    "energy": "Energy",
    "industry": "Industry",
    "climate": "Climate change",
    "health": "Health",
    "education": "Education and culture",
}
COOPERATION_AREAS = ("transport", "energy", "industry", "climate", "health", "education")
