"""The countries and country groups, each code written once: the vocabulary of the `country` column.

Codes are ISO 3166 alpha-3, the World Bank's WLD for the world and our CA5 for the five Central Asian states taken
together. The store, the URL (`countries=`, `compare=`) and the legends all use these codes.
"""

from __future__ import annotations

KOREA = "KOR"
KAZAKHSTAN, UZBEKISTAN, TURKMENISTAN, KYRGYZSTAN, TAJIKISTAN = "KAZ", "UZB", "TKM", "KGZ", "TJK"
JAPAN, TAIWAN, CHINA = "JPN", "TWN", "CHN"
RUSSIA, QATAR, AUSTRALIA, UNITED_STATES, SAUDI_ARABIA = "RUS", "QAT", "AUS", "USA", "SAU"
# The world is one code everywhere (store, URL, legends): the World Bank's WLD (EIA's WORL is stored as WLD).
WORLD = "WLD"
# Pseudo-country for figures about the five Central Asian states taken together.
CENTRAL_ASIA_COMBINED = "CA5"

CENTRAL_ASIA = (KAZAKHSTAN, UZBEKISTAN, TURKMENISTAN, KYRGYZSTAN, TAJIKISTAN)
# Korea's peers: island-like importers of its region. The other suppliers: the exporters Korea buys from.
PEERS = (JAPAN, TAIWAN, CHINA)
SUPPLIERS = (RUSSIA, QATAR, AUSTRALIA, UNITED_STATES, SAUDI_ARABIA)
# The default view: Korea and the five.
COUNTRIES = (KOREA, *CENTRAL_ASIA)
# Every country the catalog asks for, in display order.
ALL_COUNTRIES = (*COUNTRIES, *PEERS, *SUPPLIERS, WORLD)
# The World Bank publishes no figures for Taiwan (it is not among the API's countries: asked, it answers error 120).
WORLDBANK_COUNTRIES = tuple(c for c in ALL_COUNTRIES if c != TAIWAN)

# Country groups, declared once: the "compare with" control, the colours and the findings read these.
KOREA_GROUP, CENTRAL_ASIA_GROUP, PEERS_GROUP, SUPPLIERS_GROUP, WORLD_GROUP = (
    "korea",
    "central_asia",
    "peers",
    "suppliers",
    "world",
)
GROUPS: dict[str, tuple[str, ...]] = {
    KOREA_GROUP: (KOREA,),
    CENTRAL_ASIA_GROUP: CENTRAL_ASIA,
    PEERS_GROUP: PEERS,
    SUPPLIERS_GROUP: SUPPLIERS,
    WORLD_GROUP: (WORLD,),
}
GROUP_NAMES = {
    KOREA_GROUP: "South Korea",
    CENTRAL_ASIA_GROUP: "Central Asia",
    PEERS_GROUP: "Korea's peers",
    SUPPLIERS_GROUP: "Other suppliers",
    WORLD_GROUP: "World",
}

COUNTRY_NAMES = {
    KOREA: "South Korea",
    KAZAKHSTAN: "Kazakhstan",
    UZBEKISTAN: "Uzbekistan",
    TURKMENISTAN: "Turkmenistan",
    KYRGYZSTAN: "Kyrgyzstan",
    TAJIKISTAN: "Tajikistan",
    JAPAN: "Japan",
    TAIWAN: "Taiwan",
    CHINA: "China",
    RUSSIA: "Russia",
    QATAR: "Qatar",
    AUSTRALIA: "Australia",
    UNITED_STATES: "United States",
    SAUDI_ARABIA: "Saudi Arabia",
    WORLD: "World",
    CENTRAL_ASIA_COMBINED: "Central Asia (5)",
}
