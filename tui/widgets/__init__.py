"""Small reusable widgets; none of them changes data, they post messages instead."""
