// Installed in the console page by the benchmark. Times are performance.timeOrigin + performance.now()
// (milliseconds since the Unix epoch, sub-millisecond), comparable with the benchmark process's clock.
window.hvProbe = {
    now: () => performance.timeOrigin + performance.now(),
    result: null,

    // Arms a watch: resolves hvProbe.result with the time the row of `name` shows `state` in its State cell.
    armState(name, state) {
        this.result = null;
        const table = document.querySelector('table.hv-vm-table');
        const check = () => {
            for (const row of table.querySelectorAll('tbody tr')) {
                const nameCell = row.querySelector("td[data-label='Name']");
                if (nameCell && nameCell.textContent.trim() === name) {
                    const stateCell = row.querySelector("td[data-label='State']");
                    return stateCell && stateCell.textContent.trim() === state;
                }
            }
            return false;
        };
        const observer = new MutationObserver(() => {
            if (this.result === null && check()) {
                this.result = this.now();
                observer.disconnect();
            }
        });
        observer.observe(table, { subtree: true, childList: true, characterData: true });
    },

    // The peer: a full re-render of the list the user asks for (sort by Name, toggling the order):
    // from the click to the first row showing the other end of the list.
    sortRoundTrip() {
        return new Promise(resolve => {
            const table = document.querySelector('table.hv-vm-table');
            const first = () => table.querySelector("tbody td[data-label='Name']")?.textContent.trim();
            const before = first();
            const observer = new MutationObserver(() => {
                if (first() !== before) {
                    observer.disconnect();
                    resolve(this.now() - start);
                }
            });
            observer.observe(table, { subtree: true, childList: true, characterData: true });
            const button = [...table.querySelectorAll('th button')].find(b => b.textContent.startsWith('Name'));
            const start = this.now();
            button.click();
        });
    },
};
