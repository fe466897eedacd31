from django import forms

from .formats import SUPPORTED


class StoryForm(forms.Form):
    title = forms.CharField(max_length=200, strip=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUPPORTED)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    # Not BaseForm.files (the uploads): the form's metaclass moves declared fields
    # into base_fields, so the class attribute mypy sees is gone at run time.
    files = MultipleFileField(label="Article files")  # type: ignore[assignment]


class PasteForm(forms.Form):
    title = forms.CharField(max_length=300, label="Headline")
    outlet = forms.CharField(max_length=200, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label="Article text")

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip("\n")
        if not body.strip():
            raise forms.ValidationError("The article text is empty.")
        return body


class ArticleEditForm(forms.Form):
    title = forms.CharField(max_length=300, label="Headline")
    outlet = forms.CharField(max_length=200, required=False)
    published = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published"
    )
