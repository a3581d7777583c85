"""Who may see and change what. Every view and every list goes through these questions.

The rules (DESIGN.md, "Roles and permissions"):
- a team's Django group holds `view_opgave` and `change_opgave` on the team's opgaven, so
  joining or leaving a team takes effect at once;
- regieteam members see every opgave that lands in their gebied or below it;
- partner guests hold object permissions on exactly the opgaven they were invited to;
- coordinators see everything and change nothing; admins (staff) see everything and manage teams;
- an archived opgave or team (kern/archief.py) still opens for whoever may see it, but is
  read-only for everyone, and an archived regieteam leads nowhere.
- a voortgangsupdate is corrected only by its author, on the day they wrote it
  (rechten/voortgang.py); later a new update says what changed.
Objects a user may not see answer 404 (no existence leak); changes to objects a user may see
but not change answer 403.

Who may grant what (README, "Security"): functioneel beheer (staff) decides which teams exist,
whether a team is a regieteam and which gebied it steers; a team's trekker adds and removes
members and invites partner guests to the team's opgaven; only the owning team's trekker (or
beheer) hands an opgave to another team. Nothing else a user can post changes who may see or
change what.
"""
