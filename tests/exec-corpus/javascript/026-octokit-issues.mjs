import { Octokit } from "@octokit/rest";

const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
const { data } = await octokit.issues.listForRepo({ owner: "acme", repo: "web", state: "open" });
console.log(data.length, "open issues");
