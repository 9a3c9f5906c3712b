"""Rebuild `data/communes.csv` from the communes file of the npm package @etalab/decoupage-administratif.

Run by hand when a new edition of the package is published (the application never runs it: it
loads the trimmed file that the repository ships, since `make run` needs Python only):

    npm pack @etalab/decoupage-administratif && tar xzf etalab-decoupage-administratif-*.tgz
    python -m certif.insee.trim package/data/communes.json

One row per (INSEE code, postal code, name). Current communes and Paris, Lyon and Marseille's
municipal arrondissements carry their postal codes; delegated and associated communes (the former
communes of a merger, still found on birth certificates) take the postal codes of the commune they
belong to. `actuel` is 1 on the name the referential keeps for an INSEE code.
"""

import csv
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("data") / "communes.csv"
CURRENT_TYPES = {"commune-actuelle", "arrondissement-municipal"}
FORMER_TYPES = {"commune-deleguee", "commune-associee"}


def trimmed_rows(communes):
    postal_codes = {c["code"]: c.get("codesPostaux", []) for c in communes if c["type"] in CURRENT_TYPES}
    current_codes = set(postal_codes)
    rows = set()
    for commune in communes:
        if commune["type"] in CURRENT_TYPES:
            codes, current = commune.get("codesPostaux") or [""], True
        elif commune["type"] in FORMER_TYPES:
            codes = postal_codes.get(commune.get("chefLieu"), []) or [""]
            current = commune["code"] not in current_codes
        else:
            continue
        for postal_code in codes:
            rows.add((commune["code"], postal_code, commune["nom"], int(current)))
    return sorted(rows)


def main(source):
    communes = json.loads(Path(source).read_text(encoding="utf-8"))
    rows = trimmed_rows(communes)
    with OUTPUT.open("w", encoding="utf-8", newline="") as output:
        writer = csv.writer(output, delimiter=";", lineterminator="\n")
        writer.writerow(["code_insee", "code_postal", "nom", "actuel"])
        writer.writerows(rows)
    print(f"{len(rows)} lignes écrites dans {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
