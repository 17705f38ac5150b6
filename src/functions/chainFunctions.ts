// Custom functions are added here.
export {};
