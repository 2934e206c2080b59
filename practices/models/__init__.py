from practices.models.items import (  # noqa: F401
    CollaborationCase,
    CollaborationCaseDocument,
    GoodPractice,
    GoodPracticeDocument,
    LibraryItem,
)
from practices.models.pages import LibraryPage  # noqa: F401, E402
from practices.models.taxonomy import (  # noqa: F401
    CollaborationForm,
    CollaborationStage,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)
