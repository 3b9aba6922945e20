"""Apple Podcasts categories: the list, and mapping a programme's category onto it."""

from __future__ import annotations

from radiodesk.i18n import _

# Apple Podcasts Connect's list of categories and subcategories (the 2019 revision, in use
# since). A feed whose category is not on it is not listed under any category.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}

# Names of the older list that programme files may still carry.
_FORMER = {
    "government & organizations": "Government",
    "games & hobbies": "Leisure",
    "religion": "Religion & Spirituality",
    "spirituality": "Religion & Spirituality",
    "science & medicine": "Science",
    "sports & recreation": "Sports",
    "society and culture": "Society & Culture",
}
# A regency's public radio belongs here when a programme names nothing usable.
FALLBACK = "Government"


def _fold(name: str) -> str:
    return " ".join(name.replace(" and ", " & ").casefold().split())


_BY_FOLD = {_fold(name): name for name in APPLE_CATEGORIES}


def apple_category(
    category: str | None, subcategory: str | None, where: str
) -> tuple[str, str | None, list[str]]:
    """Apple's (category, subcategory) for a programme's, and what had to be changed.

    Spelling differences ("and" for "&", letter case) are forgiven. An unknown category
    becomes :data:`FALLBACK`, an unknown subcategory is dropped; each with a warning naming
    ``where`` (the programme).
    """
    warnings: list[str] = []
    folded = _fold(category or "")
    main = _BY_FOLD.get(folded) or _FORMER.get(folded)
    if main is None:
        warnings.append(
            _(
                "{where}: category '{name}' is not one of Apple's; published under {fallback}"
            ).format(where=where, name=category or "", fallback=FALLBACK)
        )
        main = FALLBACK
    sub: str | None = None
    if subcategory:
        subs = {_fold(s): s for s in APPLE_CATEGORIES[main]}
        sub = subs.get(_fold(subcategory))
        if sub is None:
            warnings.append(
                _(
                    "{where}: subcategory '{name}' is not one of Apple's under {category}; left out"
                ).format(where=where, name=subcategory, category=main)
            )
    return main, sub, warnings
