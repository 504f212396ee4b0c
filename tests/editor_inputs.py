"""Sources and notes as editors write them, beyond the letter's own: one table each, shared by
the tests of citation forms and entry types. Each work is added to a copy of references.bib
and cited from a page of its own."""

# key -> the entry as an editor (or a Zotero or JabRef export) writes it
ENTRIES = {
    "awkward_url": r"""@online{awkward_url,
  title = {{EEAS Page}}, organization = {EEAS},
  url = {https://www.eeas.europa.eu/eeas/belgrade-pristina_dialogue-chief%20negotiators_en?lang=en&x=a~b#top},
}""",
    "plus_url": r"""@online{plus_url,
  title = {{Search Page}}, organization = {Example},
  url = {https://example.org/search?q=a+b&lang=sq&x=%C3%AB=1},
}""",
    "unicode_url": r"""@online{unicode_url,
  title = {{Prishtinë Page}}, organization = {Example},
  url = {https://example.org/Prishtinë/ë_1},
}""",
    "latex_escapes": r"""@online{latex_escapes,
  title = {{50\% Done: \#1 Q\&A on snake\_case and U.S.~Policy}}, organization = {Example},
}""",
    "single_quotes": r"""@online{single_quotes,
  title = {{‘We Will Not Back Down’, Says Kurti}}, organization = {Example},
}""",
    "single_braces": r"""@inproceedings{single_braces,
  author = {Krasniqi, Arta}, title = {Serbia and the Balkan Question},
  booktitle = {Proceedings of the Balkan Conference}, publisher = {Springer}, address = {Berlin}, year = {2020},
}""",
    "dollar": r"""@online{dollar,
  title = {{Plain $100 Dollar}}, organization = {Example},
}""",
    "month_macro": r"""@article{month_macro,
  author = {Berisha, Drita}, title = {{Month Macro}}, journal = {Koha Ditore}, year = 2021, month = sep,
}""",
    "month_name": r"""@article{month_name,
  author = {Berisha, Drita}, title = {{Month Name}}, journal = {Koha Ditore}, year = {2021}, month = {September},
}""",
    "rferl2021": r"""@online{rferl2021,
  author = {{RFE/RL}}, title = {{A Shorter Key}}, organization = {RFE/RL}, date = {2021-09-20},
}""",
    "halili.2021:russian-x_y": r"""@online{halili.2021:russian-x_y,
  author = {Halili, Eduart}, title = {{A Key with Dots}}, organization = {ALBANIA DAILY NEWS}, date = {2021-09-27},
}""",
    "crossref_child": r"""@incollection{crossref_child,
  author = {Gashi, Besa}, title = {{A Chapter}}, crossref = {crossref_parent}, pages = {10--20},
}""",
    "crossref_parent": r"""@book{crossref_parent,
  editor = {Hoxha, Liri}, title = {{The Collection}}, publisher = {Koha}, address = {Prishtina}, year = {2019},
}""",
    "only_title": r"""@online{only_title,
  title = {{Only a Title}},
}""",
    "author_title": r"""@online{author_title,
  author = {Doe, Jane}, title = {{Author and Title}},
}""",
    "classic_latex": r"""@article{classic_latex,
  author = {Laj{\v{c}}{\'a}k, Miroslav}, title = {{The \emph{Sticker} Regime---and ``After''}},
  journal = {Foreign Affairs}, year = {2022}, month = jan,
}""",
    "book": r"""@book{book,
  author = {Malcolm, Noel}, title = {{Kosovo: A Short History}}, publisher = {Macmillan}, address = {London},
  year = {1998},
}""",
    "report": r"""@report{report,
  author = {{European External Action Service}}, title = {{Belgrade-Pristina Dialogue: Annual Report}},
  institution = {European External Action Service}, organization = {EEAS}, type = {Working Paper},
  number = {12/2021}, address = {Brussels}, date = {2021-10-01}, urldate = {2021-10-05},
  url = {https://example.org/report_12},
}""",
    "misc": r"""@misc{misc,
  author = {{Office of Ritchie Torres}}, title = {{Torres Urges Action on Kosovo}},
  howpublished = {Press release}, date = {2021-10-04},
}""",
    "thesis": r"""@thesis{thesis,
  author = {Kelmendi, Ardit}, title = {{Border Regimes in the Western Balkans}}, type = {phdthesis},
  institution = {University of Prishtina}, year = {2019},
}""",
    "archived": r"""@online{archived,
  author = {{RFE/RL’s Balkan Service}}, title = {{Kosovo Police Say Interior Ministry Offices Attacked}},
  organization = {RadioFreeEurope/RadioLiberty}, date = {2021-09-25},
  url = {https://www.rferl.org/a/kosovo_attacked/31477999.html},
  archiveurl = {https://web.archive.org/web/20211005000000/https://www.rferl.org/a/kosovo_attacked/31477999.html},
  archivedate = {2021-10-05},
}""",
    "post": r"""@online{post,
  author = {{Albin Kurti}}, title = {{Serbia’s Armored Vehicles at the Border}}, organization = {Twitter},
  date = {2021-09-26},
}""",
}

# The notes of the page, each: (label, body as the editor writes it, expected note text)
NOTES = [
    ("1", "@awkward_url",
     "“EEAS Page,” EEAS, https://www.eeas.europa.eu/eeas/belgrade-pristina_dialogue-chief%20negotiators_en?lang=en&x=a~b#top"),
    ("2", "@plus_url", "“Search Page,” Example, https://example.org/search?q=a+b&lang=sq&x=%C3%AB=1"),
    ("3b", "@unicode_url", "“Prishtinë Page,” Example, https://example.org/Prishtinë/ë_1"),
    ("4", "@latex_escapes", "“50% Done: #1 Q&A on snake_case and U.S.\u00a0Policy,” Example"),
    ("5", "@single_quotes", "“‘We Will Not Back Down’, Says Kurti,” Example"),
    ("6", "@single_braces",
     "Arta Krasniqi, “Serbia and the Balkan Question,” in Proceedings of the Balkan Conference (Berlin: Springer, 2020)"),
    ("7", "@dollar", "“Plain $100 Dollar,” Example"),
    ("8", "@month_macro", "Drita Berisha, “Month Macro,” Koha Ditore, September 2021"),
    ("9", "@month_name", "Drita Berisha, “Month Name,” Koha Ditore, September 2021"),
    ("10", "@rferl2021", "RFE/RL, “A Shorter Key,” RFE/RL, September 20, 2021"),
    ("11", "@rferl2021kosovo", "RFE/RL’s Balkan Service, “Kosovo Police Say Interior Ministry Offices Attacked In "
     "Volatile North,” RadioFreeEurope/RadioLiberty, September 25, 2021, "
     "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html"),
    ("12", "@halili.2021:russian-x_y", "Eduart Halili, “A Key with Dots,” ALBANIA DAILY NEWS, September 27, 2021"),
    ("13", "@crossref_child, 12", "Besa Gashi, “A Chapter,” in The Collection, ed. Liri Hoxha (Prishtina: Koha, 2019), 12"),
    ("14", "@only_title", "“Only a Title”"),
    ("15", "@author_title", "Jane Doe, “Author and Title”"),
    ("16", "@classic_latex", "Miroslav Lajčák, “The Sticker Regime—and “After”,” Foreign Affairs, January 2022"),
    ("17", "@book, 4", "Noel Malcolm, Kosovo: A Short History (London: Macmillan, 1998), 4"),
    ("18", "@report", "European External Action Service, Belgrade-Pristina Dialogue: Annual Report, Working Paper "
     "12/2021 (Brussels: European External Action Service, 2021), accessed October 5, 2021, https://example.org/report_12"),
    ("19", "@misc", "Office of Ritchie Torres, “Torres Urges Action on Kosovo,” Press release, October 4, 2021"),
    ("20", "@thesis", "Ardit Kelmendi, “Border Regimes in the Western Balkans” (PhD thesis, University of Prishtina, 2019)"),
    ("21", "@post", "Albin Kurti, “Serbia’s Armored Vehicles at the Border,” Twitter, September 26, 2021"),
    # Citation forms: a locator (page, paragraph, range), words around, two works, brackets.
    ("22", "@halili2021russian, p. 4", "Eduart Halili, “Russian Ambassador Presence at North Border Worries Kosovo "
     "Presidency,” ALBANIA DAILY NEWS, September 26, 2021, 4"),
    ("23", "@rferl2021kosovo, para. 3", "RFE/RL’s Balkan Service, “Kosovo Police Say Interior Ministry Offices "
     "Attacked In Volatile North,” RadioFreeEurope/RadioLiberty, September 25, 2021, para. 3, "
     "https://www.rferl.org/a/kosovo-interior-ministry-attacked-serbs/31477999.html"),
    ("24", "@book, pp. 3–5", "Noel Malcolm, Kosovo: A Short History (London: Macmillan, 1998), 3–5"),
    ("25", "See @halili2021russian.", "See Eduart Halili, “Russian Ambassador Presence at North Border Worries "
     "Kosovo Presidency,” ALBANIA DAILY NEWS, September 26, 2021."),
    ("26", "@eeas2021dialogue; see also @insiderpaper2021serbian.",
     "“Belgrade-Pristina Dialogue: Chief Negotiators Reach Arrangement to Resolve Tension in North of Kosovo,” EEAS; "
     "see also Insider Paper, “JUST IN Serbian Military Bring Armored Vehicles and Fly Jets near Border as Tensions "
     "Rise between Kosovo and Serbia. Kosova’s PM Albin Kurti Accused Serbia of “encouraging and Supporting” Attacks "
     "on the State of Kosovo.,” Twitter, September 25, 2021."),
    ("27", "[@halili2021russian, p. 4]", "Eduart Halili, “Russian Ambassador Presence at North Border Worries Kosovo "
     "Presidency,” ALBANIA DAILY NEWS, September 26, 2021, 4"),
    ("insider", "@post", "Albin Kurti, “Serbia’s Armored Vehicles at the Border,” Twitter, September 26, 2021"),
    ("29", "@archived, para. 2", "RFE/RL’s Balkan Service, “Kosovo Police Say Interior Ministry Offices Attacked,” "
     "RadioFreeEurope/RadioLiberty, September 25, 2021, para. 2, https://www.rferl.org/a/kosovo_attacked/31477999.html, "
     "archived October 5, 2021, "
     "https://web.archive.org/web/20211005000000/https://www.rferl.org/a/kosovo_attacked/31477999.html"),
]

# The same label as a note of the letter ([^3]), citing the same work.
SHARED_LABEL = ("3", "@insiderpaper2021serbian")

PAGE = "\n".join([
    "# Sources as editors write them",
    "",
    "Every note below is cited here.[^" + "] [^".join(label for label, _, _ in NOTES) + "]",
    "",
    "Write to press\\@example.org or \\@theinsiderpaper; code stays code: `[^4]: @halili2021russian`.",
    "",
    "```markdown",
    "[^4]: @halili2021russian and [@eeas2021dialogue]",
    "```",
    "",
    *[f"[^{label}]: {body}" for label, body, _ in NOTES],
    "",
])

# A second page whose note 3 cites the work the letter's note 3 cites.
SECOND_PAGE = "\n".join(["# A second page", "", "It cites a work too.[^3]", "", f"[^{SHARED_LABEL[0]}]: {SHARED_LABEL[1]}", ""])
