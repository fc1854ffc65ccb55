"""Console login, logout and the admin's own security settings."""

from flask import flash, g, redirect, render_template, request, session, url_for

from ..admins import totp
from ..admins.services import authenticate
from ..auth.services import admin_logout
from ..errors import ApiError
from .blueprint import blp, current_admin, login_required, safe_next
from .forms import ActionForm, LoginForm, TotpForm


@blp.route("/login", methods=["GET", "POST"])
def login():
    """The login page."""
    if current_admin() is not None:
        return redirect(url_for("console.dashboard"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            _, admin_session = authenticate(
                form.username.data, form.password.data, form.otp.data or None
            )
        except ApiError as failure:
            error = failure.message
        else:
            session.clear()
            session.permanent = True
            session["admin_sid"] = admin_session.id
            return redirect(safe_next(request.args.get("next")))
    return render_template("console/login.html", form=form, error=error)


@blp.post("/logout")
@login_required()
def logout():
    """End the console session."""
    admin_logout(g.admin, session.get("admin_sid"))
    session.clear()
    flash("已退出登录")
    return redirect(url_for("console.login"))


@blp.route("/profile", methods=["GET", "POST"])
@login_required()
def profile():
    """My account: turn the TOTP second factor on or off."""
    enrolment = None
    form = TotpForm()
    if request.method == "POST" and request.form.get("action") == "begin":
        enrolment = totp.begin_enrolment(g.admin)
    elif form.validate_on_submit():
        try:
            if g.admin.totp_enabled:
                totp.disable(g.admin, form.code.data)
                flash("两步验证已停用")
            else:
                totp.confirm_enrolment(g.admin, form.code.data)
                flash("两步验证已启用")
            return redirect(url_for("console.profile"))
        except ApiError as failure:
            flash(failure.message, "error")
    return render_template(
        "console/profile.html", form=form, action_form=ActionForm(), enrolment=enrolment
    )
