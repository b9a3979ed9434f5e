"""A generated school: the roster fixture the simulated hub serves.

``generate_school(seed, pupils)`` returns contract Pupil dicts (every field of
the sync protocol's Pupil table, ``deleted`` false), reproducible for a seed:
the same seed and size always give the same school, byte for byte.

What it looks like, roughly (it is a fixture, not statistics):

* ids ``P000001``..; display names from common UK first names and surnames;
* year groups Reception, Y1..Y6 (``phase="primary"``) or Y7..Y13
  (``phase="secondary"``);
* cards: most pupils one, some none (lost, or pays by fingerprint), some two
  (a replacement); 8-character upper-case hex uids (a 4-byte MIFARE UID),
  unique across the school;
* fingerprints: about 60% enrolled, each on a scanner slot ("0".."999",
  decimal strings, unique); about 10% of the enrolled have had consent
  withdrawn (``biometric_consent`` false: the till must refuse them);
* about 20% free school meals; balances mostly in credit, a few in debt;
  some parental daily limits; some allergens; debt limits 500..1000 pence.

``add_photos(school, seed)`` gives most pupils (about 85%) a photo: a
generated avatar (a coloured square, a plain head-and-shoulders shape and the
pupil's initials; never a real face), as the contract's optional Photo
reference, and returns the images by hash for the simulated hub to serve.
It draws from its own random stream: a school without photos is the same
school, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import random

PRIMARY_YEARS = ("Reception", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6")
SECONDARY_YEARS = ("Y7", "Y8", "Y9", "Y10", "Y11", "Y12", "Y13")
# The fourteen allergens UK food law requires caterers to declare.
ALLERGENS = ("celery", "gluten", "crustaceans", "eggs", "fish", "lupin", "milk",
             "molluscs", "mustard", "peanuts", "sesame", "soya", "sulphites", "tree nuts")
BIOMETRIC_SLOTS = 1000

_FIRST = ("Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie",
          "Sophia", "Grace", "Freya", "Willow", "Florence", "Emily", "Ella", "Poppy",
          "Evie", "Elsie", "Charlotte", "Aisha", "Zara", "Maryam", "Noor", "Priya",
          "Oliver", "Noah", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar",
          "Archie", "Henry", "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie",
          "Jacob", "Thomas", "Finley", "Arlo", "Yusuf", "Ibrahim", "Kai", "Reuben", "Jayden")
_LAST = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
         "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
         "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards",
         "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King",
         "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson",
         "Davis", "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell",
         "Begum", "Ahmed", "Hussain", "Ali", "Kowalski", "Nowak", "O'Brien", "Murphy")


def generate_school(seed: int = 1, pupils: int = 300, phase: str = "primary") -> list[dict]:
    """A reproducible school of ``pupils`` contract Pupil dicts.

    ``phase`` is ``"primary"`` (Reception..Y6) or ``"secondary"`` (Y7..Y13).
    Raises ValueError for a negative size or an unknown phase.
    """
    if pupils < 0:
        raise ValueError("pupils must be >= 0")
    if phase not in ("primary", "secondary"):
        raise ValueError("phase must be 'primary' or 'secondary'")
    years = PRIMARY_YEARS if phase == "primary" else SECONDARY_YEARS
    rng = random.Random(seed)
    used_uids: set[str] = set()
    # Scanner slots are handed out from a shuffled list: unique, not in
    # roster order (enrolment happens in any order).
    slots = list(range(BIOMETRIC_SLOTS))
    rng.shuffle(slots)
    school: list[dict] = []
    for n in range(1, pupils + 1):
        school.append(_pupil(rng, n, years, used_uids, slots))
    return school


def _pupil(rng: random.Random, n: int, years: tuple[str, ...], used_uids: set[str],
           slots: list[int]) -> dict:
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    r = rng.random()
    n_cards = 0 if r < 0.08 else (2 if r < 0.15 else 1)
    cards = [_new_uid(rng, used_uids) for _ in range(n_cards)]

    biometric_ids: list[str] = []
    if rng.random() < 0.60 and slots:
        biometric_ids.append(str(slots.pop()))
        # A few have a second finger enrolled (the first is often a plaster's victim).
        if rng.random() < 0.10 and slots:
            biometric_ids.append(str(slots.pop()))
    if biometric_ids:
        consent = rng.random() >= 0.10
    else:
        consent = rng.random() < 0.5  # never enrolled: consent may or may not be on file

    fsm = rng.random() < 0.20
    r = rng.random()
    if r < 0.06:
        balance = -rng.randrange(20, 800, 5)  # in debt
    elif r < 0.12:
        balance = 0
    else:
        balance = rng.randrange(50, 6000, 5)
    daily_limit = rng.choice((200, 250, 300, 400, 500)) if rng.random() < 0.25 else None
    allergens = sorted(rng.sample(ALLERGENS, rng.choice((1, 1, 2)))) if rng.random() < 0.12 else []
    return {
        "id": f"P{n:06d}",
        "display_name": name,
        "year_group": rng.choice(years),
        "card_uids": cards,
        "biometric_ids": biometric_ids,
        "balance_pence": balance,
        "fsm": fsm,
        "daily_limit_pence": daily_limit,
        "debt_limit_pence": rng.randrange(500, 1001, 50),
        "allergens": allergens,
        "biometric_consent": consent,
        "deleted": False,
    }


def _new_uid(rng: random.Random, used: set[str]) -> str:
    while True:
        uid = f"{rng.getrandbits(32):08X}"
        if uid not in used:
            used.add(uid)
            return uid


PHOTO_SHARE = 0.85
AVATAR_PX = 160
_BACKGROUNDS = ((46, 94, 170), (20, 120, 110), (150, 70, 140), (190, 110, 30),
                (90, 110, 60), (160, 60, 60), (60, 80, 120), (110, 90, 160))


def initials(name: str) -> str:
    """"Olivia Smith" -> "OS"."""
    return "".join(w[0] for w in name.split()[:2] if w).upper()


def avatar_png(name: str, colour: int) -> bytes:
    """A generated avatar for ``name`` (PNG, ``AVATAR_PX`` square): a plain
    silhouette and the initials on one of a few background colours."""
    from PIL import Image, ImageDraw, ImageFont  # only the sim draws

    px = AVATAR_PX
    bg = _BACKGROUNDS[colour % len(_BACKGROUNDS)]
    img = Image.new("RGB", (px, px), bg)
    draw = ImageDraw.Draw(img)
    light = tuple(min(255, c + 90) for c in bg)
    draw.ellipse((px * 0.32, px * 0.12, px * 0.68, px * 0.48), fill=light)  # head
    draw.ellipse((px * 0.14, px * 0.52, px * 0.86, px * 1.2), fill=light)  # shoulders
    font = ImageFont.load_default(size=int(px * 0.24))
    draw.text((px / 2, px * 0.78), initials(name), font=font, anchor="mm", fill=bg)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def photo_ref(data: bytes) -> dict:
    """The contract's Photo reference of ``data``, at the path the simulated
    hub serves it from (its hash: opaque, no pupil id)."""
    sha = hashlib.sha256(data).hexdigest()
    return {"path": f"/v1/photos/{sha}", "sha256": sha, "bytes": len(data)}


def add_photos(school: list[dict], seed: int = 1, share: float = PHOTO_SHARE
               ) -> dict[str, bytes]:
    """Give about ``share`` of the pupils a generated photo (``photo`` set in
    their dicts); the images by SHA-256, for ``Hub(photos=...)``."""
    rng = random.Random(f"photos-{seed}")
    images: dict[str, bytes] = {}
    for p in school:
        if rng.random() >= share:
            continue
        data = avatar_png(p["display_name"], rng.randrange(len(_BACKGROUNDS)))
        ref = photo_ref(data)
        images[ref["sha256"]] = data
        p["photo"] = ref
    return images
