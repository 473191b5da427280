"""Parure's URLs: core's pages at the root, each app under its area, the API under /api/v1/."""

from django.urls import include, path

from parure.auctions.api.router import router as auctions_router
from parure.billing.api.router import router as billing_router
from parure.catalogue.api.router import router as catalogue_router
from parure.clients.api import router as clients_router
from parure.core.admin import site as admin_site
from parure.core.api import api
from parure.core.api_routes import router as core_router
from parure.inventory.api.router import router as inventory_router
from parure.research.api import router as research_router
from parure.services.api.router import router as services_router
from parure.shipping.api.router import router as shipping_router

api.add_router("/", core_router)
api.add_router("/inventory", inventory_router)
api.add_router("/clients", clients_router)
api.add_router("/research", research_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/auctions", auctions_router)
api.add_router("/billing", billing_router)
api.add_router("/services", services_router)
api.add_router("/shipping", shipping_router)

urlpatterns = [
    path("", include("parure.core.urls")),
    path("inventory/", include("parure.inventory.urls")),
    path("clients/", include("parure.clients.urls")),
    path("research/", include("parure.research.urls")),
    path("catalogue/", include("parure.catalogue.urls")),
    path("auctions/", include("parure.auctions.urls")),
    path("billing/", include("parure.billing.urls")),
    path("services/", include("parure.services.urls")),
    path("shipping/", include("parure.shipping.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
]

handler403 = "parure.core.views.errors.forbidden"
handler404 = "parure.core.views.errors.not_found"
handler400 = "parure.core.views.errors.bad_request"
handler500 = "parure.core.views.errors.server_error"
