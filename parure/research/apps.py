from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "parure.research"
    label = "research"

    def ready(self) -> None:
        from parure.core import registry

        registry.register_nav(
            registry.NavArea("gemology", "Gemology", "research:gemology", "research.use_gemology_tools", order=800)
        )
