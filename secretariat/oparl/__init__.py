"""OParl 1.1 (https://oparl.org/spezifikation/): the read-only open-data API at /oparl/v1.1/.

Only what the public portal shows, decided by `secretariat.access` (and built from the same public selectors as the
portal and the public documents): exempt cases by their public title, closed items without content, agendas only
after the notice, minutes only once approved. What OParl lacks comes as prefixed extension fields
(`saksgang:…`), documented in README.md.
"""
