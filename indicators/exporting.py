"""Tables of figures (not model lists) as Excel files: the numbers beside a chart or a grid."""

from ekonomi import downloads, exports


def xlsx_response(name, headers, rows):
    return downloads.file_response(
        exports.write_xlsx(headers, rows, name),
        filename=f"{name}.xlsx",
        content_type=downloads.XLSX,
    )


def wants_xlsx(request):
    return request.GET.get("export") == "xlsx"
