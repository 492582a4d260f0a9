"""The shareable HTML jamming page (`summary --html`): a pure renderer of services.jamming_report."""
