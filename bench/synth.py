"""Deprecated location of the seed-style report generator: use :mod:`synthcorpus.seedlike`.

The generator moved out of ``bench/`` because tests import it (issue 9). The benchmark no longer
uses it: its corpus, with several phrasings per figure role, is :mod:`synthcorpus.corpus`. This
module only re-exports the seed-style API for tests that still import it from here.
"""

from synthcorpus.seedlike import (  # noqa: F401
    SynthIndicator,
    SynthObjective,
    SynthPartner,
    SynthReport,
    SynthService,
    expected_facts,
    make_corpus,
    render_pdf,
    render_text,
    report_pages,
    seed_like_report,
    spanish_number,
)
