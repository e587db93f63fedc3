//! How the page reaches the desk: here on the page (a request handled at once is answered at
//! once), or in the document worker (every answer is a message).

use super::{Desk, Handled, Reply, Request, Tell};

/// The page's way to the desk.
#[derive(Clone, Debug)]
pub enum Port {
    Here(Desk),
}

impl Port {
    /// Sends every `Tell` to `listen`.
    pub fn listen(&self, listen: impl Fn(Tell) + 'static) {
        match self {
            Port::Here(desk) => desk.listen(listen),
        }
    }

    /// Sends `request`; `then` takes the reply, at once if it is ready at once.
    pub fn send(&self, request: Request, then: impl FnOnce(Reply) + 'static) {
        match self {
            Port::Here(desk) => match desk.handle(request) {
                Handled::Now(reply) => then(reply),
                Handled::Later(reply) => {
                    leptos::task::spawn_local(async move { then(reply.await) });
                }
            },
        }
    }

    /// Sends `request` and waits for the reply. (`Reply::Done` if the desk went away.)
    pub async fn ask(&self, request: Request) -> Reply {
        match self {
            // Awaited in place, not spawned: whoever waits drives it.
            Port::Here(desk) => match desk.handle(request) {
                Handled::Now(reply) => reply,
                Handled::Later(reply) => reply.await,
            },
        }
    }

    /// The desk, where it is on the page. What still reads the open schedule in place goes
    /// through this (see `Desk::with_session`).
    pub fn here(&self) -> Option<&Desk> {
        match self {
            Port::Here(desk) => Some(desk),
        }
    }
}
