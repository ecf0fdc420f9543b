"""Reading the municipal e-mail domains file (`pgb gemeenten domains FILE.csv`): columns `code,domain`.

Every line is checked (a known CBS code, a well-formed domain, no domain given to two gemeenten) and
every problem is reported with its line number; the service writes only a file without any.
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
MAX_ROWS = 20_000


@dataclass
class DomainsFile:
    domains: dict[str, list[str]] = field(default_factory=dict)  # CBS code → domains, in file order
    errors: list[str] = field(default_factory=list)  # "line 4: domain: ..." (English: for operators)


def normalise(domain: str) -> str:
    return domain.strip().lower().lstrip("@").rstrip(".")


def read(path: Path, known_codes: set[str]) -> DomainsFile:
    result = DomainsFile()
    owner: dict[str, tuple[str, int]] = {}
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        result.errors.append(f"{path}: cannot be read ({exc.strerror or exc}).")
        return result
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or [h.strip().lower() for h in header] != ["code", "domain"]:
                result.errors.append("line 1: the header must be exactly: code,domain")
                return result
            for number, row in enumerate(reader, start=2):
                if number > MAX_ROWS + 1:
                    result.errors.append(f"line {number}: more than {MAX_ROWS} rows; split the file.")
                    break
                if not row or all(not cell.strip() for cell in row):
                    continue
                if len(row) != 2:
                    result.errors.append(f"line {number}: expected 2 columns (code,domain), found {len(row)}")
                    continue
                code, domain = row[0].strip().upper(), normalise(row[1])
                if code not in known_codes:
                    result.errors.append(f"line {number}: code: {code or '(empty)'} is not a known CBS code")
                    continue
                if not DOMAIN.match(domain):
                    result.errors.append(f"line {number}: domain: {row[1].strip()!r} is not a domain name")
                    continue
                if domain in owner and owner[domain][0] != code:
                    first_code, first_line = owner[domain]
                    result.errors.append(
                        f"line {number}: domain: {domain} is already given to {first_code} on line {first_line}"
                    )
                    continue
                owner.setdefault(domain, (code, number))
                if domain not in result.domains.setdefault(code, []):
                    result.domains[code].append(domain)
        except (csv.Error, UnicodeDecodeError) as exc:
            result.errors.append(f"{path}: not a UTF-8 CSV file ({exc}).")
    return result
