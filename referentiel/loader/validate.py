"""Check the content files without a database: ``python -m referentiel.loader.validate``.

Prints the coverage per competence (tubes, levels, challenges by type) and exits non-zero on the
first invalid file, with a message naming the file, the item and the field.
"""

import sys
from collections import Counter

from referentiel.loader.parse import ContentError, parse_content


def coverage_lines(referentiel):
    for competence in referentiel.competences():
        tubes = [t for th in competence.thematics for t in th.tubes]
        challenges = [c for t in tubes for s in t.skills for c in s.challenges]
        levels = sorted({s.level for t in tubes for s in t.skills})
        types = Counter(c.type for c in challenges)
        yield (f"{competence.code}: {len(tubes)} sujets, niveaux {levels}, "
               f"{len(challenges)} épreuves {dict(sorted(types.items()))}")


def main() -> int:
    try:
        referentiel = parse_content()
    except ContentError as error:
        print(f"Contenu refusé : {error}", file=sys.stderr)
        return 1
    for line in coverage_lines(referentiel):
        print(line)
    challenges = referentiel.challenges()
    print(f"Total : {len(challenges)} épreuves, types {dict(Counter(c.type for c in challenges))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
