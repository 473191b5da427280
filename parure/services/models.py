"""The services' tables, one module per area."""

from parure.services.aftercare.models import *  # noqa: F403
from parure.services.labs.models import *  # noqa: F403
from parure.services.projects.models import *  # noqa: F403
from parure.services.repairs.models import *  # noqa: F403
