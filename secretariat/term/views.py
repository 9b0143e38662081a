"""Staff pages under /intern/valgperiode/ (the fagleder's): the valgoppgjør import, the konstituerende møte's
elections and ordfører, gruppestøtte and group changes; and the invited folkevalgt's page to choose a password.
Views parse input with a form and call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from secretariat.common.forms import error_text
from secretariat.common.views import add_validation_errors
from workflows.errors import WorkflowError

from . import constitution, group_support, leaders, selectors, valgoppgjor
from . import lots as meeting_lots
from .bodies import kommunestyret
from .forms import (
    BodyElectionForm,
    GroupChangeForm,
    GroupSupportCaseForm,
    InvitationPasswordForm,
    LeaderForm,
    TermForm,
    ValgoppgjorForm,
    YearForm,
)
from .leaders import Office
from .models import BodyElection, ElectionMethod
from .permissions import REFUSAL, may_run_term


def _fagleder_required(user) -> None:
    if not may_run_term(user):
        raise PermissionDenied(REFUSAL)


def _workflow_error(form, exc: WorkflowError) -> None:
    form.add_error(exc.field if getattr(exc, "field", None) in form.fields else None, exc.message)


def _validation_errors(form, exc: ValidationError) -> None:
    """The service's messages on the form; a tie that only lots can decide becomes the question who won them."""
    add_validation_errors(form, exc)
    if isinstance(exc, meeting_lots.LotsQuestion):
        form.ask_lots(exc)


@login_required
def index(request):
    _fagleder_required(request.user)
    return render(request, "term/index.html", selectors.overview())


@login_required
def import_result(request):
    _fagleder_required(request.user)
    form = ValgoppgjorForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        ks = kommunestyret()
        result = valgoppgjor.valgoppgjor_import(actor=request.user, content=form.cleaned_data["file"],
                                                term=form.cleaned_data["term"], kommunestyret=ks,
                                                source=form.file_name)
        if result.errors:
            errors = result.errors
            form.add_error(None, "Ingenting er importert: rett feilene under og last opp filen på nytt.")
        else:
            text = (f"Valgoppgjøret er importert: {result.members} representanter og {result.substitutes} "
                    f"varamedlemmer. {len(result.invited)} invitasjoner sendt på e-post.")
            if result.without_email:
                text += f" Uten e-postadresse (ingen konto): {', '.join(result.without_email)}."
            messages.success(request, text)
            return redirect("term:index")
    return render(request, "term/form.html", {"form": form, "heading": "Importer valgoppgjøret",
                                              "button": "Importer", "multipart": True, "errors": errors})


@login_required
@require_POST
def invitations_resend(request):
    _fagleder_required(request.user)
    form = TermForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("term:index")
    try:
        sent = valgoppgjor.invitations_resend(actor=request.user, term=form.cleaned_data["term"],
                                              kommunestyret=kommunestyret())
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("term:index")
    messages.success(request, f"Ny invitasjon sendt til {len(sent)} som ikke har laget passord ennå."
                     if sent else "Alle med konto har allerede laget passord.")
    return redirect("term:index")


@login_required
def election_create(request):
    _fagleder_required(request.user)
    form = BodyElectionForm(request.POST or None, initial={"method": ElectionMethod.AVTALEVALG})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            election = constitution.body_election_register(
                actor=request.user, organization=data["organization"], term=data["term"], method=data["method"],
                candidates_text=data["candidates_text"], votes_text=data["votes_text"],
                signatures_text=data["signatures_text"], unanimous=data["unanimous"], lots=form.lots())
        except ValidationError as exc:
            _validation_errors(form, exc)
        except WorkflowError as exc:
            _workflow_error(form, exc)
        else:
            messages.success(request, "Valget er registrert. Kontroller resultatet og gjennomfør det.")
            return redirect("term:election_detail", pk=election.pk)
    return render(request, "term/form.html", {"form": form, "heading": "Valg av organ på det konstituerende møtet",
                                              "button": "Beregn og registrer", "multipart": False})


@login_required
def election_detail(request, pk: int):
    _fagleder_required(request.user)
    election = get_object_or_404(BodyElection.objects.select_related("organization", "term"), pk=pk)
    return render(request, "term/election.html", {"election": election, "result": election.result,
                                                  "signature_lines": election.signatures_text.splitlines()})


@login_required
@require_POST
def election_apply(request, pk: int):
    _fagleder_required(request.user)
    election = get_object_or_404(BodyElection, pk=pk)
    try:
        made = constitution.body_election_apply(actor=request.user, election=election)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Valget er gjennomført: {len(made)} medlemskap i {election.organization} fra "
                                  f"{election.term.start_date:%d.%m.%Y}.")
    return redirect("term:election_detail", pk=election.pk)


@login_required
def mayor(request):
    """Flertallsvalg of ordfører and varaordfører, or of an utvalg's leder and nestleder (koml. § 7-8)."""
    _fagleder_required(request.user)
    ks = kommunestyret()
    form = LeaderForm(request.POST or None, initial={"term": selectors.newest_term(), "organization": ks,
                                                     "office": Office.LEADER, "blank": 0})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            elected = leaders.leader_elect(
                actor=request.user, term=data["term"], organization=data["organization"], office=data["office"],
                first_vote=data["first_vote"], new_vote=data["new_vote"], blank=data["blank"],
                consented=data["consented"], lots=form.lots())
        except ValidationError as exc:
            _validation_errors(form, exc)
        except WorkflowError as exc:
            _workflow_error(form, exc)
        else:
            result = elected.result
            how = "første avstemning" if result.decided_in == 1 else "ny avstemning"
            lot = f", etter {meeting_lots.sentence(result.lot)}" if result.lot else ""
            messages.success(request, f"{elected.person.name} er valgt til {elected.title} med {result.votes} av "
                                      f"{result.cast} stemmer ved {how}{lot}.")
            return redirect("term:index")
    return render(request, "term/form.html", {"form": form, "heading": "Valg av ordfører, varaordfører og ledere",
                                              "button": "Registrer valget", "multipart": False,
                                              "intro": "Leder og nestleder velges ved flertallsvalg (koml. § 7-4 "
                                                       "andre ledd og § 7-8). Ordfører og varaordfører velges blant "
                                                       "formannskapets medlemmer (§ 6-2) og leder kommunestyret og "
                                                       "formannskapet. Velg de to vervene hver for seg."})


@login_required
def group_support_page(request):
    _fagleder_required(request.user)
    year = timezone.localdate().year
    form = YearForm(request.GET if "year" in request.GET else None, initial={"year": year})
    calc, problem = None, ""
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    if not form.is_bound or form.is_valid():
        try:
            calc = group_support.calculate(year=year)
        except WorkflowError as exc:
            problem = exc.message
    case_form = GroupSupportCaseForm(initial={"year": year})
    return render(request, "term/group_support.html", {"form": form, "calc": calc, "problem": problem,
                                                        "year": year, "case_form": case_form,
                                                        "text": group_support.calculation_text(calc) if calc else ""})


@login_required
@require_POST
def group_support_case(request):
    _fagleder_required(request.user)
    form = GroupSupportCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("term:group_support")
    try:
        case = group_support.group_support_case_create(actor=request.user, year=form.cleaned_data["year"],
                                                       arkivsaksnummer=form.cleaned_data["arkivsaksnummer"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Saken {case.arkivsaksnummer} «{case.title}» er opprettet som utkast.")
        return redirect("cases:detail", pk=case.pk)
    return redirect(f"{reverse_lazy('term:group_support')}?year={form.cleaned_data['year']}")


@login_required
def payment_csv(request, year: int):
    _fagleder_required(request.user)
    if not 2000 <= year <= 2100:
        raise Http404("Ugyldig år.")
    try:
        calc = group_support.calculate(year=year)
    except WorkflowError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(group_support.payment_csv(calc), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gruppestotte-{year}.csv"'
    return response


@login_required
def group_change(request):
    _fagleder_required(request.user)
    term = selectors.current_or_newest_term()
    people = selectors.kommunestyret_people(term)
    form = GroupChangeForm(request.POST or None, initial={"term": term, "from_date": timezone.localdate()},
                           people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group_support.group_change_register(actor=request.user, person=data["person"], term=data["term"],
                                                from_date=data["from_date"], new_group=data["new_group"],
                                                note=data["note"])
        except WorkflowError as exc:
            _workflow_error(form, exc)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Gruppeskiftet for {data['person'].name} er registrert fra "
                                      f"{data['from_date']:%d.%m.%Y}.")
            return redirect("term:group_support")
    return render(request, "term/form.html", {"form": form, "heading": "Registrer gruppeskifte",
                                              "button": "Registrer", "multipart": False,
                                              "intro": "En representant som melder seg ut av gruppa si (eller går "
                                                       "over til en annen) endrer fordelingen av gruppestøtten fra "
                                                       "datoen, slik reglementet sier."})


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link in the invitation e-mail: the new folkevalgt chooses a password (a one-time token)."""

    template_name = "term/invitation.html"
    form_class = InvitationPasswordForm
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Passordet er lagret. Logg inn med brukernavnet fra e-posten.")
        return super().form_valid(form)


invitation = InvitationView.as_view()
