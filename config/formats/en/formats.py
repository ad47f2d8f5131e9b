"""English as written in Europe: day first, 24-hour clock (Django's own "en" is American)."""

DATE_FORMAT = "j F Y"  # 6 December 2026
TIME_FORMAT = "H:i"  # 15:06
DATETIME_FORMAT = "j F Y, H:i"  # 6 December 2026, 15:06
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"  # 6 Dec 2026: never ambiguous
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = "\u202f"  # a narrow no-break space: 10 000
NUMBER_GROUPING = 3
