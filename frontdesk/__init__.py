"""frontdesk: the front desk and lab desk of the Point, Dalmine.

Layers (DESIGN.md): cli > ui > services|hub > sync|documents > db > domain.
`config` and `i18n` sit beside the layers and import nothing of the app.
"""

__version__ = "0.1.0"
