"""clients: see DESIGN.md ("The parts"); its models, services and pages land with their issue."""
