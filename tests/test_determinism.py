"""The same corpus ranks the same way, whatever order or batches its index was built in."""

from __future__ import annotations

import numpy as np

from assistant.retrieval import fuse
from ingest.embedder import load_embedder

PASSAGES = [
    "El indicador IOP.01.01 alcanzó un valor de 45.83% en el año 2023.",
    ("Se ejecutaron intervenciones de Cooperación Sur-Sur con Paraguay, Argentina, México y Nicaragua "
     "vinculadas a temas de patrimonio cultural, gestión de riesgo de desastres y seguridad alimentaria."),
    "OP.03.",
    "Posicionar al Perú como oferente de cooperación técnica en ALC y otras regiones",
]


def test_a_passage_vector_does_not_depend_on_its_batch() -> None:
    embeddings = load_embedder("minilm")
    alone = np.array(embeddings.embed_documents([PASSAGES[0]])[0])
    in_batch = np.array(embeddings.embed_documents(PASSAGES)[0])
    reversed_batch = np.array(embeddings.embed_documents(PASSAGES[::-1])[-1])
    assert np.abs(alone - in_batch).max() < 1e-5
    assert np.abs(alone - reversed_batch).max() < 1e-5


def test_a_question_and_the_same_passage_get_the_same_vector() -> None:
    embeddings = load_embedder("minilm")
    passage = np.array(embeddings.embed_documents(PASSAGES)[3])
    query = np.array(embeddings.embed_query(PASSAGES[3]))
    assert float(passage @ query) > 0.9999


def test_fusion_breaks_ties_on_the_chunk_id_not_on_arrival_order() -> None:
    lexical = [("doc_b:0003", 4.0), ("doc_a:0003", 4.0), ("doc_c:0001", 2.0)]
    dense = [("doc_b:0003", 0.61), ("doc_a:0003", 0.61), ("doc_d:0002", 0.9)]
    forward = fuse(lexical, dense, 0.3)
    backward = fuse(lexical[::-1], dense[::-1], 0.3)
    assert forward == backward
    assert [ident for ident, _ in forward][:2] == ["doc_a:0003", "doc_b:0003"]
