"""Token values the tests use, so the run can prove none of them reached a file."""

AUTH_ID = "MATESTAUTHID00000001"
TOKEN = "tok-3f9a1c77-never-on-disk"
OTHER_TOKEN = "tok-b8e2d410-also-never-on-disk"
ALL_TOKENS = (TOKEN, OTHER_TOKEN)


def files_containing(roots, needles):  # type: ignore[no-untyped-def]
    """Every file under `roots` whose bytes contain one of `needles`."""
    import os

    encoded = [n.encode() for n in needles]
    hits = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if any(n in data for n in encoded):
                    hits.append(path)
    return hits
