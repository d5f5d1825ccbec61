"""aiplatform-lint: policy-as-code for Azure AI platform templates (Bicep, ARM JSON, Terraform).

The public API that policies import: the model, Finding, Policy and the @policy decorator.
"""

from __future__ import annotations

from linter.model import Edge, EdgeKind, Expr, Graph, Resource, Span, is_unknown
from linter.policy import Finding, Policy, Severity, policy

__version__ = "0.1.0"

__all__ = [
    "Edge",
    "EdgeKind",
    "Expr",
    "Finding",
    "Graph",
    "Policy",
    "Resource",
    "Severity",
    "Span",
    "__version__",
    "is_unknown",
    "policy",
]
