"""Pure career-planning logic: models, rules, dates and derived numbers. No Textual here."""
