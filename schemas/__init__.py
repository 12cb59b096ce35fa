"""Record contract (SPEC.md) as pydantic models, and its JSON Schema."""
from schemas.codes import (
    Anchor, Authority, Confidentiality, DeadlineKind, DocType, EncodingRepaired,
    IssuerLevel, Modality, Qualifier, Role, TimeUnit, Urgency,
)
from schemas.document import Document, Part, Segment
from schemas.record import (
    SCHEMA_VERSION, Appendix, Archive, Assignee, Deadline, DistributionEntry, Issuer,
    Obligation, PageInfo, PartialDate, Period, Recipient, Record, Reference, RelativeTerm,
    Signer, Source, json_schema,
)

__all__ = [
    "Anchor", "Appendix", "Archive", "Assignee", "Authority", "Confidentiality", "Deadline",
    "DeadlineKind", "DistributionEntry", "DocType", "Document", "EncodingRepaired", "Issuer",
    "IssuerLevel", "Modality", "Obligation", "PageInfo", "Part", "PartialDate", "Period",
    "Qualifier", "Recipient", "Record", "Reference", "RelativeTerm", "Role", "SCHEMA_VERSION",
    "Segment", "Signer", "Source", "TimeUnit", "Urgency", "json_schema",
]
