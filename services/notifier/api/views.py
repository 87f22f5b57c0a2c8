"""Domain → contract models (`contracts.notifier`, camelCase JSON)."""

from __future__ import annotations

from contracts.notifier import NotificationDetail, NotificationResume, PageNotifications
from services.notifier.domain.notifications import Notification, Page


def detail(notification: Notification) -> NotificationDetail:
    return NotificationDetail.model_validate(notification, from_attributes=True)


def page(p: Page) -> PageNotifications:
    return PageNotifications(
        elements=[NotificationResume.model_validate(n, from_attributes=True) for n in p.elements],
        total=p.total,
        page=p.page,
        par_page=p.par_page,
        pages=p.pages,
    )
