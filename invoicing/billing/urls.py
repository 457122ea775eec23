from django.urls import path

from invoicing.billing import views

urlpatterns = [
    path("fakturering/", views.billing_months, name="billing_months"),
    path("fakturering/<str:month>/", views.billing_month, name="billing_month"),
    path("fakturering/<str:month>/utfarda/", views.billing_issue, name="billing_issue"),
    path(
        "fakturering/<str:month>/underlag.xlsx",
        views.billing_workbook_download,
        name="billing_workbook",
    ),
    path("erp-filer/<int:pk>/", views.erp_file_download, name="erp_file"),
    path("erp-installningar/", views.erp_settings, name="erp_settings"),
    path("fakturor/", views.invoice_list, name="invoice_list"),
    path("fakturor/<str:number>/", views.invoice_detail, name="invoice_detail"),
    path("fakturor/<str:number>/specifikation.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("fakturor/<str:number>/kreditera/", views.invoice_credit, name="invoice_credit"),
]
