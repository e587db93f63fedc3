//! The state's `Store` on IndexedDB: one connection, opened on first use and kept (a
//! connection the browser closed, for a newer version in another tab, is opened again).

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::{History, Step};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::summary::ScheduleSummary;

use super::{log, Connection, NotInserted, Opened, StorageError, Stored, Usage};
use crate::platform::sync;
use crate::state::ports::{Pending, Read, Store};

#[derive(Debug, Default)]
pub struct IndexedDb {
    connection: RefCell<Option<Rc<Connection>>>,
}

impl IndexedDb {
    async fn db(&self) -> Result<Rc<Connection>, StorageError> {
        if let Some(db) = self.connection.borrow().clone() {
            return Ok(db);
        }
        let db = Rc::new(super::open().await?);
        *self.connection.borrow_mut() = Some(db.clone());
        Ok(db)
    }

    /// Runs `op` on the connection; a failure other than a conflict or a full disk drops the
    /// connection, so the next operation opens a fresh one.
    async fn with<T, F>(&self, op: impl FnOnce(Rc<Connection>) -> F) -> Result<T, StorageError>
    where
        F: std::future::Future<Output = Result<T, StorageError>>,
    {
        let result = op(self.db().await?).await;
        if matches!(result, Err(StorageError::Failed(_))) {
            self.connection.borrow_mut().take();
        }
        result
    }
}

impl Store for IndexedDb {
    fn load(&self) -> Pending<'_, Stored> {
        Box::pin(self.with(|db| async move { super::load(&db).await }))
    }

    fn open_schedule<'a>(&'a self, id: &'a str, read: Read<'a>) -> Pending<'a, Option<Opened>> {
        Box::pin(self.with(move |db| async move { super::open_schedule(&db, id, read).await }))
    }

    fn keep_row<'a>(
        &'a self,
        id: &'a str,
        revision: u32,
        row: &'a ScheduleSummary,
    ) -> Pending<'a, ()> {
        Box::pin(self.with(move |db| async move {
            super::keep_row(&db, id, revision, row).await.map(|_| ())
        }))
    }

    fn insert(&self, library: Library) -> LocalBoxFuture<'_, Result<Library, NotInserted>> {
        Box::pin(async move {
            let db = match self.db().await {
                Ok(db) => db,
                Err(error) => return Err(NotInserted { error, library }),
            };
            let result = super::insert(&db, library).await;
            if matches!(&result, Err(not) if matches!(not.error, StorageError::Failed(_))) {
                self.connection.borrow_mut().take();
            }
            result
        })
    }

    fn replace_playlist<'a>(&'a self, playlist: &'a Playlist, read: u32) -> Pending<'a, u32> {
        Box::pin(
            self.with(move |db| async move { super::replace_playlist(&db, playlist, read).await }),
        )
    }

    fn set_aside<'a>(&'a self, id: &'a str) -> Pending<'a, bool> {
        Box::pin(self.with(move |db| async move { super::set_aside(&db, id).await }))
    }

    fn restore<'a>(&'a self, id: &'a str) -> Pending<'a, bool> {
        Box::pin(self.with(move |db| async move { super::restore(&db, id).await }))
    }

    fn append<'a>(
        &'a self,
        id: &'a str,
        name: &'a str,
        read: u32,
        steps: &'a [Step],
    ) -> Pending<'a, u32> {
        Box::pin(self.with(move |db| async move { log::append(&db, id, name, read, steps).await }))
    }

    fn fold(
        &self,
        id: &str,
        schedule: &Schedule,
        history: &History,
        row: Option<&ScheduleSummary>,
        revision: u32,
    ) -> Pending<'_, ()> {
        // Serialised now, before any await, so it is exactly the state at `revision`.
        let value = log::fold_value(schedule, history, row, revision);
        let id = id.to_owned();
        Box::pin(self.with(move |db| async move { log::fold(&db, &id, value, revision).await }))
    }

    fn put_channel<'a>(
        &'a self,
        channel: &'a Channel,
        replaces: Option<&'a str>,
    ) -> Pending<'a, ()> {
        Box::pin(
            self.with(move |db| async move { super::put_channel(&db, channel, replaces).await }),
        )
    }

    fn put_plan<'a>(&'a self, plan: &'a PlanFile) -> Pending<'a, ()> {
        Box::pin(self.with(move |db| async move { super::put_plan(&db, plan).await }))
    }

    fn remove_plan<'a>(&'a self, channel: &'a str) -> Pending<'a, ()> {
        Box::pin(self.with(move |db| async move { super::remove_plan(&db, channel).await }))
    }

    fn announce(&self) {
        sync::announce();
    }

    fn usage(&self) -> LocalBoxFuture<'_, Option<Usage>> {
        Box::pin(super::usage())
    }

    fn persist(&self) -> LocalBoxFuture<'_, bool> {
        Box::pin(super::request_persistence())
    }
}
