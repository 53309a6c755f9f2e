"""Synthetic documents of the compliance-report family, with ground truth, for benchmarks and tests.

- :mod:`synthcorpus.corpus`: the benchmark corpus (reports in three layouts and policy decrees;
  every figure role in several phrasings, table cells included) and its ground truth;
- :mod:`synthcorpus.phrasings`: the catalogue of phrasings per figure role;
- :mod:`synthcorpus.seedlike`: reports in the seed report's own wording only, a fixture for
  tests of that format (it is not a benchmark of reading);
- :mod:`synthcorpus.render`: pages of paragraphs → PDF (reportlab) or text.

Nothing here imports the ingest: the generator writes documents and records what it wrote.
"""
