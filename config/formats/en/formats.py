"""English dates in the British style, matching the British spelling of the English texts:
29 Nov 2026, 29 November, 29/11/2026. Django's own "en" formats are American (Nov. 29, 2026;
11/29/2026), which Dutch readers easily misread. Date fields keep accepting ISO dates, which
the date pickers send."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
