// Task pane entry.
export {};
