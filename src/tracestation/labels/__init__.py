"""Labels: templates, rendering and printer adapters."""
