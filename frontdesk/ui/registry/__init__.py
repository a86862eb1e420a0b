"""Registry screens: companies and visitors, their dialogs and actions."""
