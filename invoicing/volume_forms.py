from django import forms
from django.utils.translation import gettext_lazy as _

from invoicing.volume_files import FORMAT_HELP


class VolumeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from the ERP"),
        help_text=FORMAT_HELP,
        error_messages={"empty": _("The file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
