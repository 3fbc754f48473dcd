//! The activity log page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::activity::{ActivityFilter, ActivityList};

#[server(prefix = "/api", endpoint = "activity/list")]
pub async fn list_activity(filter: ActivityFilter) -> Result<ActivityList, AppError> {
    let ctx = crate::ssr::require_permission(crate::model::roles::CONSOLE_ACTIVITY).await?.ctx;
    filter.validate(ctx.locale()).map_err(|(field, message)| ctx.respond(AppError::invalid(field, message)))?;
    crate::ssr::activity::list(&ctx.state.db, &filter, &ctx.time_zone())
        .await
        .map_err(|e| ctx.respond(crate::ssr::accounts::internal(e)))
}
