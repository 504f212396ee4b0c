"""What the build reads from a CSL item, pandoc's reading of a work: its date, named once."""


def date_parts(item: dict) -> list:
    """The item's date as CSL gives it, [year, month, day] as far as known; [] where it has none."""
    parts = (item.get("issued") or {}).get("date-parts") or []
    return list(parts[0]) if parts and parts[0] else []


def year(item: dict) -> str | None:
    """The item's year, where it has one."""
    parts = date_parts(item)
    return str(parts[0]) if parts else None
