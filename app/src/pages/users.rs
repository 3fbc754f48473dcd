//! Console accounts (admins only): create users, set roles, reset passwords, disable.

use leptos::prelude::*;

use crate::api::users::{list_users, CreateUser, ResetUserPassword, SetUserDisabled, SetUserRole};
use crate::components::shell::{role_label, ErrorPanel};
use crate::i18n::*;
use crate::model::{account_rules, roles, CurrentUser, Role, UserSummary};
use crate::ui::{FormMessage, LocalTime, PageHeader, Spinner};

#[component]
pub fn UsersPage() -> impl IntoView {
    let me = expect_context::<CurrentUser>();
    let i18n = use_i18n();
    if !me.can(roles::CONSOLE_USERS) {
        return view! {
            <PageHeader title=move || t_string!(i18n, users.title)/>
            <ErrorPanel error=crate::error::AppError::Forbidden { permission: roles::CONSOLE_USERS.to_string() }/>
        }
        .into_any();
    }
    let create = ServerAction::<CreateUser>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let users = Resource::new(
        move || (create.version().get(), set_role.version().get(), reset.version().get(), disable.version().get()),
        |_| list_users(),
    );
    let me_name = StoredValue::new(me.username.clone());

    view! {
        <PageHeader title=move || t_string!(i18n, users.title) description=move || t_string!(i18n, users.intro)/>
        <section class="card mb-6" aria-labelledby="new-user">
            <h2 id="new-user" class="mb-3 font-medium">{t!(i18n, users.add_title)}</h2>
            <ActionForm action=create attr:class="grid gap-3 sm:grid-cols-4 sm:items-end">
                <div>
                    <label class="label" for="new-username">{t!(i18n, users.username)}</label>
                    <input id="new-username" name="username" class="input" required maxlength=account_rules::USERNAME_MAX.to_string()
                        pattern="[A-Za-z0-9._\\-]+" title=move || t_string!(i18n, users.username_hint)/>
                </div>
                <div>
                    <label class="label" for="new-password">{t!(i18n, users.initial_password)}</label>
                    <input id="new-password" name="password" type="password" autocomplete="new-password" class="input" required
                        minlength=account_rules::PASSWORD_MIN.to_string() maxlength=account_rules::PASSWORD_MAX.to_string()/>
                </div>
                <div>
                    <label class="label" for="new-role">{t!(i18n, users.role)}</label>
                    <RoleSelect id="new-role" selected=Role::Viewer/>
                </div>
                <button type="submit" class="btn-primary">{t!(i18n, users.add)}</button>
            </ActionForm>
            <FormMessage value=move || create.value().get() success=move || t_string!(i18n, users.added)/>
        </section>
        <FormMessage value=move || set_role.value().get() success=move || t_string!(i18n, users.role_changed)/>
        <FormMessage value=move || reset.value().get() success=move || t_string!(i18n, users.password_reset)/>
        <FormMessage value=move || disable.value().get() success=move || t_string!(i18n, users.account_updated)/>
        <Suspense fallback=|| view! { <Spinner/> }>
            {move || Suspend::new(async move {
                match users.await {
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    Ok(list) => view! {
                        <div class="overflow-x-auto">
                            <table class="table" data-testid="users-table">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, users.table.user)}</th><th scope="col">{t!(i18n, users.table.role)}</th><th scope="col">{t!(i18n, users.table.status)}</th>
                                    <th scope="col">{t!(i18n, users.table.last_sign_in)}</th><th scope="col">{t!(i18n, users.table.reset)}</th><th scope="col"><span class="sr-only">{t!(i18n, users.table.actions)}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|u| view! {
                                        <UserRow user=u set_role reset disable me=me_name/>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn RoleSelect(id: &'static str, selected: Role) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name="role" class="input">
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == selected>{move || role_label(i18n.get_locale(), r)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UserRow(
    user: UserSummary,
    set_role: ServerAction<SetUserRole>,
    reset: ServerAction<ResetUserPassword>,
    disable: ServerAction<SetUserDisabled>,
    me: StoredValue<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_self = me.get_value() == user.username;
    let name = user.username.clone();
    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
    let (n4, n5) = (name.clone(), name.clone());
    view! {
        <tr>
            <th scope="row" class="font-medium"><span translate="no">{user.username.clone()}</span>{is_self.then(|| view! { " " {t!(i18n, common.you)} })}</th>
            <td>
                <ActionForm action=set_role attr:class="flex gap-2">
                    <input type="hidden" name="username" value=n1/>
                    <select name="role" class="input py-1" aria-label=move || t_string!(i18n, users.role_of, name = n2.clone()).to_string()>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r == user.role>{move || role_label(i18n.get_locale(), r)}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="btn-ghost">{t!(i18n, common.save)}</button>
                </ActionForm>
            </td>
            <td>
                {if user.disabled {
                    view! { <span class="badge bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700">{t!(i18n, users.disabled)}</span> }.into_any()
                } else {
                    view! { <span class="badge bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-900/40 dark:text-emerald-200 dark:ring-emerald-700">{t!(i18n, users.active)}</span> }.into_any()
                }}
            </td>
            <td class="text-sm text-slate-600 dark:text-slate-400">{match user.last_login_at.clone() {
                Some(at) => view! { <LocalTime at/> }.into_any(),
                None => view! { {t!(i18n, common.never)} }.into_any(),
            }}</td>
            <td>
                <ActionForm action=reset attr:class="flex gap-2">
                    <input type="hidden" name="username" value=n3/>
                    <input name="password" type="password" autocomplete="new-password" class="input py-1" required
                        minlength=account_rules::PASSWORD_MIN.to_string() aria-label=move || t_string!(i18n, users.new_password_for, name = n4.clone()).to_string()/>
                    <button type="submit" class="btn-ghost">{t!(i18n, users.reset)}</button>
                </ActionForm>
            </td>
            <td>
                {(!is_self).then(|| view! {
                    <ActionForm action=disable>
                        <input type="hidden" name="username" value=n5.clone()/>
                        <input type="hidden" name="disabled" value=(!user.disabled).to_string()/>
                        <button type="submit" class="btn-ghost">{move || if user.disabled { t_string!(i18n, users.enable) } else { t_string!(i18n, users.disable) }}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
