//! The usage page's data: one server function that reads every chart the person may
//! see for the window in the URL (`ssr::usage`). Reads only: nothing here changes VOD,
//! so nothing goes to the activity log.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::usage::{UsageQuery, UsageView};

/// Every usage chart for `query`, with the domains and the day's top videos.
#[server(prefix = "/api", endpoint = "usage/view")]
pub async fn read_usage(query: UsageQuery) -> Result<UsageView, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_user().await?;
    // Any one family is enough to open the page; each chart checks its own action.
    if !crate::model::usage::PAGE_PERMISSIONS.iter().any(|p| user.can(*p)) {
        return Err(ctx.respond(AppError::Forbidden { permission: crate::model::usage::PAGE_PERMISSIONS[0].to_string() }));
    }
    ctx.once(format!("usage {query:?}"), async {
        let client = ctx.vod().fresh(query.fresh);
        let mut view = crate::ssr::usage::view(&client, &user, &query, crate::ssr::usage::now(), &ctx.time_zone(), ctx.locale())
            .await
            .map_err(|e| ctx.respond(e))?;
        view.cached_age_secs = ctx.cached_age();
        Ok(view)
    })
    .await
}

/// The overview page: each tile the person may read, all read at once.
#[server(prefix = "/api", endpoint = "usage/dashboard")]
pub async fn read_dashboard(#[server(default)] fresh: bool) -> Result<crate::model::usage::Dashboard, AppError> {
    let crate::ssr::auth::Authorized { user, ctx } = crate::ssr::require_user().await?;
    ctx.once(format!("dashboard {fresh}"), async {
        let client = ctx.vod().fresh(fresh);
        let mut d = crate::ssr::usage::dashboard(&client, &ctx.state.db, &user, crate::ssr::usage::now(), &ctx.time_zone(), ctx.locale()).await;
        d.cached_age_secs = ctx.cached_age();
        Ok(d)
    })
    .await
}
